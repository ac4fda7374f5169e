# pantau workers and web: one image, the command picks the role.
FROM python:3.11-slim
WORKDIR /app
# Pango and a font for report PDFs (WeasyPrint)
RUN apt-get update && apt-get install -y --no-install-recommends libpango-1.0-0 \
    libpangoft2-1.0-0 fonts-dejavu-core && rm -rf /var/lib/apt/lists/*
COPY pyproject.toml README.md ./
COPY alerts alerts
COPY crawlers crawlers
COPY devkit devkit
COPY nlp nlp
COPY pipeline pipeline
COPY search search
COPY store store
COPY pantau pantau
RUN pip install --no-cache-dir .
ENV PANTAU_DATA_DIR=/data
VOLUME /data
ENTRYPOINT ["pantau"]

# pantau workers and web: one image, the command picks the role.
FROM python:3.11-slim
WORKDIR /app
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

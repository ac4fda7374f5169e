"""Crawlers: Scrapy spiders that turn news sites into RawArticle events."""

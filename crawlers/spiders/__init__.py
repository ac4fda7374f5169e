"""Scrapy spiders, one per outlet family."""

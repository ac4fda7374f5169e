"""Page parsers: HTML of an outlet's article page -> RawArticle."""

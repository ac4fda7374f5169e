"""Pattern data of the pantau pipeline (gazetteers, topics, tokenizer cases); see README.md."""

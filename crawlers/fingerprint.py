"""Content fingerprints for the crawlers: the SimHash of pipeline.fingerprint (one definition,
which the enrich stage also uses for articles that arrive without one)."""

from pipeline.fingerprint import BITS, hamming_distance, near_duplicates, simhash

__all__ = ["BITS", "hamming_distance", "near_duplicates", "simhash"]

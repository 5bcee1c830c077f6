"""Translation of content: string tables with source hashes, and stale-translation checks."""

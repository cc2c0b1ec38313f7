"""One reader per format; each turns input into a `Draft` (blocks plus declared metadata)."""

"""Content files: safe YAML with positions, schemas, validation diagnostics, JSON Schema export."""

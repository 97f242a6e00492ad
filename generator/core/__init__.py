"""The bottom layer: reading YAML, validation messages, errors, field types, loading records, rendering
and parallel work. It imports nothing else of the generator."""

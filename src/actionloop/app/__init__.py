"""The service layer: use cases over the law engine and the storage ports (no SQL, no HTTP)."""

"""CIMO knowledge base: the model, loading, validation and the linked graph."""

"""Views: one typed context per page family, built from the KnowledgeBase, ready to print."""

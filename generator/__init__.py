"""Generator: turns a KnowledgeBase into pages, diagrams and exports."""

"""The organisations of the network: the editor with its tabs, the chooser, the tables."""

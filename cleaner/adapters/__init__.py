"""Adapters for corpus tools (optional extras): datatrove."""

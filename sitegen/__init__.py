"""The static-site generator behind build.py: load content, render, write, check."""

"""site/outputs"""

"""Streamlit-side helpers shared by every page: strings, sidebar, charts, formulas."""

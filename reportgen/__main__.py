"""`python -m reportgen` is the same as the `reportgen` command."""

from reportgen.launch import entry

if __name__ == "__main__":
    entry()

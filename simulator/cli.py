"""The ``interview-sim`` command line: personas, simulate, chat, classify, score."""

from __future__ import annotations

import typer

app = typer.Typer(
    name="interview-sim",
    help="Practise customer interviews on simulated customers, with coaching on every question.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


def _register_subcommands() -> None:
    # Each part of the domain adds its own commands; keeps this file a table of contents.
    from scoring import cli as scoring_cli

    scoring_cli.register(app)


def main() -> None:
    _register_subcommands()
    app()


if __name__ == "__main__":  # pragma: no cover
    main()

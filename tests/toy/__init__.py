"""A toy dataset defined only here: questions and answers (hỏi đáp) that may name procedures.

It plugs into the pipeline exactly as a real dataset does, to show that adding a kind of record needs
no change in ``generator/``.
"""

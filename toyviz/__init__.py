"""toyviz: train, analyse and draw the toy models of two mechanistic-interpretability posts.

The public API lives in the subpackages, one per topic: `toyviz.toy` (the toy ReLU autoencoder),
`toyviz.ica` (overcomplete ICA and its baselines), `toyviz.plot` (matplotlib stills), `toyviz.anim`
(Manim scenes), `toyviz.build` (the figure build system). Import from those; this top level stays light
so that `toyviz --help` is instant.
"""
__version__ = "0.1.0"

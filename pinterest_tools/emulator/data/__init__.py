"""Data: what the emulator holds and how it gets there.

Plain records independent of any wire shape (`records`), the shared in-memory state
(`state`), the data-file format of ``--data``/``--dump`` (`data_file`), the built-in demo
data served without ``--data`` (`demo_data`), a document merged into a running
emulator (`merge`), and the emulator's clock, which tests move forward (`clock`).
"""

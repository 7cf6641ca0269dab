"""Engine adapters: one module per engine (speech recognisers, voice, audio devices, prosody).

Only the adapter for an engine imports that engine; the core never imports anything here.
"""

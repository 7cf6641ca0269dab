"""Audio adapters: microphone and speaker (sounddevice), WAV files, and prosody measures (numpy).

Everything here converts to or from the one internal format (16 kHz, 16-bit, mono PCM) at the edge.
"""

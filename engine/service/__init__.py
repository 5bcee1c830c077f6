"""Running as a supervised service (systemd, deploy/ludao-kiosk.service): the heartbeat that tells the
supervisor the engine is up and still drawing frames, what became of the previous run, and the
operator's status lines. Pure Python: it reaches Panda3D only through the task manager it is handed."""

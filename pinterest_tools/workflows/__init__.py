"""Multi-step flows that user code and the commands share: video upload (register, upload,
wait: ``media_upload``), async reports (request, wait, download: ``reports``) and the one
bounded backoff their polling uses (``polling``).
"""

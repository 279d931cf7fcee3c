"""What the quickstart commands share: arguments, errors and exit codes (``cli``), output
files (``outfile``), printed summaries of pins and boards (``summaries``), the organic,
ads and analytics helpers of the commands (``organic``, ``ads``, ``analytics``) and the
README's command reference (``docs``). The commands themselves stay at
``pinterest_tools/<command>.py``, which is how they run.
"""

"""What the commands share: arguments, errors and exit codes and prompts (``common``), output
files (``outfile``), printed summaries of pins and boards (``summaries``), and the organic,
ads and analytics helpers of the commands (``organic``, ``ads``, ``analytics``).
"""

"""What every stage uses: settings, notices, job language."""

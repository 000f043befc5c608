"""The city's promotion plans: policies, measures, yearly schedules."""

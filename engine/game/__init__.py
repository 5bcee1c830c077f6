"""Turning a visit into a game: stamps, quizzes, collectibles, badges, challenges and their rules."""

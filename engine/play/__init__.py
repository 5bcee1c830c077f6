"""A visit in a display: intents in, navigation, picking, the game and a guided tour out."""

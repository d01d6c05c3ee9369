"""The download decision engine: is a release wanted for a movie, and how good is it? (Radarr's specs.)"""

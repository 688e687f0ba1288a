"""Schools: regions, schools, terms, classes, the people in them and the roles they hold."""

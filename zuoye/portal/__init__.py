"""Portal: the page shell, the home page of each role and navigation between apps."""

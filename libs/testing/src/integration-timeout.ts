// Integration tests talk to real databases, files and Redis: a minute each unless the test says otherwise.
jest.setTimeout(60_000);

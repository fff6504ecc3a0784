from cimo_cli.main import main

main()

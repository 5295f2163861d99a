from zengshou.cli import main

main()

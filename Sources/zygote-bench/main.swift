print("zygote-bench: not built yet")

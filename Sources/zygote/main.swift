print("zygote: not built yet")

print("demo-service: not built yet")

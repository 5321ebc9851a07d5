print("fake-collector")

import Operator
print("vigil")

"""Writes the tiny ONNX graphs `npm run bench` uses to measure the machine (a plain MatMul for GEMM GFLOP/s).

Run with Debian's Python: /usr/bin/python3 training/make_bench_graphs.py
"""
from pathlib import Path

import onnx
from onnx import TensorProto, helper

OUT = Path(__file__).resolve().parent.parent / "test" / "fixtures" / "bench" / "matmul.onnx"


def main() -> None:
    a = helper.make_tensor_value_info("a", TensorProto.FLOAT, ["M", "K"])
    b = helper.make_tensor_value_info("b", TensorProto.FLOAT, ["K", "N"])
    c = helper.make_tensor_value_info("c", TensorProto.FLOAT, ["M", "N"])
    graph = helper.make_graph([helper.make_node("MatMul", ["a", "b"], ["c"])], "matmul", [a, b], [c])
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)], producer_name="lunette-bench")
    model.ir_version = 8
    onnx.checker.check_model(model)
    OUT.parent.mkdir(parents=True, exist_ok=True)
    onnx.save(model, OUT)
    print(f"wrote {OUT} ({OUT.stat().st_size} bytes)")


if __name__ == "__main__":
    main()

"""Debian's jupyter_kernel_test against driftlab's kernel (run through test/kernel/run-kernel-tests.sh)."""

import unittest
from pathlib import Path

import jupyter_kernel_test

DISPLAY = (Path(__file__).resolve().parents[2] / "dist" / "display" / "index.js").as_posix()
RICH = "{ [Symbol.for('Jupyter.display')]: () => ({ 'text/plain': 'rich', 'text/html': '<b>rich</b>' }) }"


class DriftlabKernelTests(jupyter_kernel_test.KernelTests):
    kernel_name = "driftlab"
    language_name = "typescript"
    file_extension = ".ts"

    code_hello_world = 'console.log("hello, world")'
    code_stderr = 'console.error("something went wrong")'

    code_execute_result = [
        {"code": "6*7", "result": "42"},
        {"code": "const word: string = 'drift'; word.length", "result": "5"},
        {"code": "[1, 2, 3].map((n) => n * 2)", "result": "[ 2, 4, 6 ]"},
        {"code": "'text'", "result": "'text'"},
        {"code": f"({RICH})", "mime": "text/html", "result": "<b>rich</b>"},
        {"code": "await Promise.resolve(7)", "result": "7"},
    ]

    code_display_data = [
        {"code": f"import {{ display }} from '{DISPLAY}';\nawait display({RICH});", "mime": "text/html"},
        {"code": f"import {{ display }} from '{DISPLAY}';\nawait display({{ a: 1 }});", "mime": "text/plain"},
    ]

    code_generate_error = "throw new Error('boom')"

    completion_samples = [
        {"text": "Math.ma", "matches": {"max"}},
        {"text": "JSON.stringi", "matches": {"stringify"}},
    ]

    code_inspect_sample = "Math.max"

    complete_code_samples = ["1", "let x = 1;", "function f() {\n  return 1;\n}", "const s = `a`;", "if (true) {}"]
    incomplete_code_samples = ["let x = {", "function f() {", "foo(1,", "const s = `abc", "/* comment", "[1, 2"]
    invalid_code_samples = ["let x = )", "}", "1 +* 2", "let let = 3 4"]

    # IPython's glob: "?" is exactly one character, so "6?7" matches the sample "6*7" and nothing else.
    code_history_pattern = "6?7"
    supported_history_operations = ("tail", "range", "search")

    code_clear_output = f"import {{ clearOutput }} from '{DISPLAY}';\nconsole.log('before');\nclearOutput(true);"

    def test_type_error_is_reported_like_a_compiler(self):
        self.flush_channels()
        reply, output_msgs = self.execute_helper(code="let n: number = 'a';")
        self.assertEqual(reply["content"]["status"], "error")
        self.assertEqual(reply["content"]["ename"], "TSError")
        self.assertEqual(reply["content"]["evalue"], "TS2322: Type 'string' is not assignable to type 'number'.")
        self.assertEqual([m["msg_type"] for m in output_msgs], ["error"])
        # The next cell runs normally: no aborted request.
        reply, output_msgs = self.execute_helper(code="1 + 1")
        self.assertEqual(reply["content"]["status"], "ok")

    def test_driftlab_types_resolve(self):
        self.flush_channels()
        reply, _ = self.execute_helper(code="import { DriftlabError } from 'driftlab';\nnew DriftlabError('NO_DATA', 'x').code")
        self.assertEqual(reply["content"]["status"], "ok")

    def test_kernel_info_fields(self):
        self.flush_channels()
        msg_id = self.kc.kernel_info()
        reply = self.kc.get_shell_msg(timeout=15)
        content = reply["content"]
        self.assertEqual(content["status"], "ok")
        self.assertEqual(content["protocol_version"], "5.3")
        self.assertEqual(content["language_info"]["mimetype"], "text/typescript")

    def test_input_request(self):
        """prompt() in a cell sends input_request on stdin; the cell gets the input_reply's value."""
        self.flush_channels()
        msg_id = self.kc.execute("const name = await prompt('Your name? ');\nname.toUpperCase()", allow_stdin=True)
        request = self.kc.get_stdin_msg(timeout=30)
        self.assertEqual(request["msg_type"], "input_request")
        self.assertEqual(request["parent_header"]["msg_id"], msg_id)
        self.assertEqual(request["content"], {"prompt": "Your name? ", "password": False})
        self.kc.input("ada")
        reply = self.get_non_kernel_info_reply(timeout=30)
        self.assertEqual(reply["parent_header"]["msg_id"], msg_id)
        self.assertEqual(reply["content"]["status"], "ok")
        results = []
        while True:
            msg = self.kc.get_iopub_msg(timeout=10)
            if msg["msg_type"] == "execute_result":
                results.append(msg["content"]["data"]["text/plain"])
            if msg["msg_type"] == "status" and msg["content"]["execution_state"] == "idle":
                break
        self.assertEqual(results, ["'ADA'"])

    def test_input_password_through_the_library(self):
        self.flush_channels()
        code = "import { input } from 'driftlab';\n(await input('Token: ', { password: true })).length"
        msg_id = self.kc.execute(code, allow_stdin=True)
        request = self.kc.get_stdin_msg(timeout=60)
        self.assertEqual(request["content"], {"prompt": "Token: ", "password": True})
        self.kc.input("secret")
        reply = self.get_non_kernel_info_reply(timeout=30)
        self.assertEqual(reply["content"]["status"], "ok")

    def test_input_without_stdin_is_an_error(self):
        self.flush_channels()
        msg_id = self.kc.execute("await prompt('x')", allow_stdin=False)
        reply = self.get_non_kernel_info_reply(timeout=30)
        self.assertEqual(reply["parent_header"]["msg_id"], msg_id)
        self.assertEqual(reply["content"]["status"], "error")
        self.assertEqual(reply["content"]["ename"], "StdinNotImplementedError")

    def test_user_expressions(self):
        self.flush_channels()
        msg_id = self.kc.execute(
            "const answer = 6 * 7;",
            user_expressions={"next": "answer + 1", "text": "`${answer}!`", "bad": "missing.value"},
        )
        reply = self.get_non_kernel_info_reply(timeout=30)
        self.assertEqual(reply["parent_header"]["msg_id"], msg_id)
        expressions = reply["content"]["user_expressions"]
        self.assertEqual(expressions["next"], {"status": "ok", "data": {"text/plain": "43"}, "metadata": {}})
        self.assertEqual(expressions["text"]["data"]["text/plain"], "'42!'")
        self.assertEqual(expressions["bad"]["status"], "error")
        self.assertEqual(expressions["bad"]["ename"], "TSError")

    def test_comm_info(self):
        self.flush_channels()
        msg_id = self.kc.comm_info()
        reply = self.get_non_kernel_info_reply(timeout=15)
        self.assertEqual(reply["parent_header"]["msg_id"], msg_id)
        self.assertEqual(reply["content"], {"status": "ok", "comms": {}})


if __name__ == "__main__":
    unittest.main()

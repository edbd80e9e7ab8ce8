Content-Length: 52

{"jsonrpc":"2.0","id":1,"method":"initialize","params":{}}
Content-Length: 5

{bad}Content-Length: 40

{"jsonrpc":"2.0","method":"exit"}
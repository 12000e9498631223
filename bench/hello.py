"""The smallest Flask app gunicorn can serve: what HTTP itself costs, for the append to be measured against."""

from flask import Flask, request

app = Flask(__name__)


@app.post("/hello")
def hello():
    request.get_json()  # read the same body the append reads
    return {"hello": "world"}, 201

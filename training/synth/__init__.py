"""Lunette synthetic data pipeline.

Every image is rendered from a scene whose facts are true by construction; the stages that turn facts into
training targets are separate modules:

    scenes/*      render an image + facts + text lines + object boxes (scene.py holds the data model)
    ocr.py        simulated OCR over the rendered text lines (the prompt's "Text:" block)
    captions.py   facts -> short / normal / long captions
    qa.py         facts -> question/answer pairs
    filters.py    drops unhelpful pairs (restating, unanswerable from the pixels/OCR, ambiguous)
    absurd.py     absent-premise questions with grounded refusals
    phrasing.py   diverse user phrasings of the questions
    regions.py    detect / point targets (normalized boxes and inner points)
    pipeline.py   runs the stages for one image and returns sample records
    generate.py   sharded writer (CLI)         preview.py   contact sheet (CLI)
"""

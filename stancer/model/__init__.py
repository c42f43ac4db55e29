"""The stance model: the classifier and its input format (`classifier`), loading by name and
`stancer.predict` (`api`), configs (`config`), training (`training`, `checkpoints`),
temperature scaling (`calibration`), int8 weights (`quantization`) and the model card (`card`).
"""

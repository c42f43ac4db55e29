"""The stance model: the classifier (`classifier`) and its input contract (`inputs`), the model
folder on disk (`folder`), base weights that load offline (`weights`), loading by name and
`stancer.predict` (`api`), configs (`config`), training (`training`, `checkpoints`), temperature
scaling (`calibration`), int8 weights (`quantization`) and the model card (`card`).
"""

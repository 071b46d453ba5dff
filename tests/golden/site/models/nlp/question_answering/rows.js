zoocatRows({"key":"nlp/question_answering","facets":[],"columns":[{"key":"display_name","label":"Model","numeric":false}],"speed":[],"rows":[
["nlp/question_answering/distilbert-none/pytorch/huggingface/squad/base-none","distilbert base none (squad)",[],[]]]});
